<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>engine</name>
    <message>
        <source>A manual rescaling weight given to the loss of each element; broadcast to the target&apos;s shape (a (C,) weight scales columns, (N, 1) scales rows). Default: None (all ones).</source>
        <extracomment>``float32(1e-12)``: torch&apos;s BCE backward clamps ``x (1 - x)`` at this, in every dtype (so the float64 gradient at x=0, y=1 is -1.0000000039958e12).</extracomment>
        <translation>手动设置的重缩放权重，作用于每个元素的损失；广播到 target 的形状（(C,) 的权重缩放各列，(N, 1) 缩放各行）。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>Probabilities in [0, 1] (e.g. the output of a sigmoid).</source>
        <translation>[0, 1] 内的概率（例如 sigmoid 的输出）。</translation>
    </message>
    <message>
        <source>Logits: any real number per element.</source>
        <translation>logits：每个元素可为任意实数。</translation>
    </message>
    <message>
        <source>Targets in [0, 1], same shape as the input.</source>
        <translation>[0, 1] 内的目标，形状与输入相同。</translation>
    </message>
    <message>
        <source>Binary cross-entropy between probabilities and targets.</source>
        <translation>概率与目标之间的二元交叉熵。</translation>
    </message>
    <message>
        <source>Sigmoid + binary cross-entropy in one numerically stable step.</source>
        <translation>sigmoid 与二元交叉熵合为一步，数值稳定。</translation>
    </message>
    <message>
        <source>A weight of positive examples, broadcast against the last (class) dimension: pos_weight &gt; 1 raises recall, &lt; 1 raises precision. Shape (C,) for (N, C) input. Default: None (ones).</source>
        <translation>正样本的权重，沿最后一个（类别）维度广播：pos_weight &gt; 1 提高召回率，&lt; 1 提高精确率。输入为 (N, C) 时形状为 (C,)。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>Connectionist temporal classification: -log of the total probability of every alignment of the target to the input frames.</source>
        <translation>连接时序分类（CTC）：目标与输入各帧所有对齐方式的总概率取 -log。</translation>
    </message>
    <message>
        <source>Log-probabilities of each class at each time step, e.g. log_softmax(logits, dim=2). Time first: T time steps, N samples, C classes (blank included).</source>
        <translation>每个时间步各类别的对数概率，例如 log_softmax(logits, dim=2)。时间维在前：T 个时间步、N 个样本、C 个类别（含 blank）。</translation>
    </message>
    <message>
        <source>Target label sequences, padded to a common length S (row b uses its first target_lengths[b] entries), or all targets concatenated into one 1-D sequence. Labels must not be the blank.</source>
        <translation>目标标签序列，填充到统一长度 S（第 b 行使用其前 target_lengths[b] 个元素），或把所有目标拼接成一个一维序列。标签不能是 blank。</translation>
    </message>
    <message>
        <source>How many time steps of log_probs each sample uses (≤ T).</source>
        <translation>每个样本使用 log_probs 的多少个时间步（≤ T）。</translation>
    </message>
    <message>
        <source>How many labels of targets each sample uses (≤ S).</source>
        <translation>每个样本使用 targets 的多少个标签（≤ S）。</translation>
    </message>
    <message>
        <source>Index of the blank label, 0 ≤ blank &lt; C. Default: 0.</source>
        <translation>blank 标签的索引，0 ≤ blank &lt; C。默认：0。</translation>
    </message>
    <message>
        <source>Whether to zero infinite losses and their gradients. Infinite losses occur when the input is too short to align to the target. Default: False.</source>
        <translation>是否将无穷大的损失及其梯度置零。输入太短、无法与目标对齐时，损失为无穷大。默认：False。</translation>
    </message>
    <message>
        <source>Kullback-Leibler divergence of a target distribution from the input.</source>
        <translation>目标分布相对于输入的 Kullback-Leibler 散度（KL 散度）。</translation>
    </message>
    <message>
        <source>Log-probabilities (e.g. the output of log_softmax).</source>
        <translation>对数概率（例如 log_softmax 的输出）。</translation>
    </message>
    <message>
        <source>Probabilities (log-probabilities with log_target=True); broadcasts against the input.</source>
        <translation>概率（log_target=True 时为对数概率）；与输入广播。</translation>
    </message>
    <message>
        <source>Whether the target is given in log space (avoids log(0) for zero-probability targets). Default: False.</source>
        <translation>目标是否以对数形式给出（可避免概率为零的目标出现 log(0)）。默认：False。</translation>
    </message>
    <message>
        <source>log(cosh(x - y)): quadratic near 0, linear for large errors.</source>
        <translation>log(cosh(x - y))：在 0 附近呈二次，误差大时呈线性。</translation>
    </message>
    <message>
        <source>Predictions.</source>
        <translation>预测值。</translation>
    </message>
    <message>
        <source>Targets, broadcast to the input&apos;s shape.</source>
        <translation>目标，广播到输入的形状。</translation>
    </message>
    <message>
        <source>max(0, margin - y·x)²: the L2-SVM loss for labels ±1.</source>
        <translation>max(0, margin - y·x)²：标签为 ±1 的 L2-SVM 损失。</translation>
    </message>
    <message>
        <source>Scores: any real number per element.</source>
        <translation>分数：每个元素可为任意实数。</translation>
    </message>
    <message>
        <source>Labels -1 or 1, broadcast to the input&apos;s shape.</source>
        <translation>标签 -1 或 1，广播到输入的形状。</translation>
    </message>
    <message>
        <source>The score y·x beyond which the loss is 0. Default: 1.</source>
        <translation>y·x 超过该分数后损失为 0。默认：1。</translation>
    </message>
    <message>
        <source>1 - soft Dice overlap per sample, on probabilities.</source>
        <translation>每个样本的 1 - 软 Dice 重叠度，在概率上计算。</translation>
    </message>
    <message>
        <source>Probabilities in [0, 1] (e.g. a sigmoid output); dim 0 is the sample.</source>
        <translation>[0, 1] 内的概率（例如 sigmoid 的输出）；第 0 维为样本。</translation>
    </message>
    <message>
        <source>Binary masks (0/1; soft allowed), same shape.</source>
        <translation>二值掩码（0/1；也可为软值），形状相同。</translation>
    </message>
    <message>
        <source>Added to numerator and denominator: keeps empty masks finite and softens small ones. Default: 1.</source>
        <translation>加到分子和分母上：使空掩码保持有限，并让小掩码更平滑。默认：1。</translation>
    </message>
    <message>
        <source>Focal loss (torchvision): BCE with logits scaled by (1 - p_t)^γ.</source>
        <translation>Focal 损失（torchvision）：用 (1 - p_t)^γ 缩放的带 logits 的 BCE。</translation>
    </message>
    <message>
        <source>Binary labels (0 or 1; soft labels allowed), same shape as inputs.</source>
        <translation>二分类标签（0 或 1；也可用软标签），形状与 inputs 相同。</translation>
    </message>
    <message>
        <source>Weight of the positive class in [0, 1]; negatives get 1 - alpha. A negative value disables the weighting. Default: 0.25.</source>
        <translation>正类的权重，取值在 [0, 1]；负类的权重为 1 - alpha。取负值则不加权。默认：0.25。</translation>
    </message>
    <message>
        <source>Focusing exponent on (1 - p_t): 0 gives plain BCE, larger values down-weight well-classified examples. Default: 2.</source>
        <translation>作用于 (1 - p_t) 的聚焦指数：0 即普通 BCE，值越大越压低已分类良好样本的权重。默认：2。</translation>
    </message>
    <message>
        <source>Small value added to the input when log_input=False, to avoid log(0). Default: 1e-8.</source>
        <extracomment>The C++ type names torch prints when an integer ``var`` cannot be clamped.</extracomment>
        <translation>log_input=False 时加到输入上的小值，用于避免 log(0)。默认：1e-8。</translation>
    </message>
    <message>
        <source>Negative log-likelihood of a Poisson target given its (log) rate.</source>
        <translation>给定（对数）速率时 Poisson 目标的负对数似然。</translation>
    </message>
    <message>
        <source>The log of the Poisson rate (log_input=True) or the rate itself (log_input=False).</source>
        <translation>Poisson 速率的对数（log_input=True）或速率本身（log_input=False）。</translation>
    </message>
    <message>
        <source>Observed counts, a sample of Poisson(rate); broadcasts with the input.</source>
        <translation>观测到的计数，是 Poisson(rate) 的一个样本；与输入广播。</translation>
    </message>
    <message>
        <source>If True the input is the log-rate and l = exp(x) - y·x; if False the input is the rate and l = x - y·log(x + eps). Default: True.</source>
        <translation>为 True 时输入为对数速率，l = exp(x) - y·x；为 False 时输入为速率，l = x - y·log(x + eps)。默认：True。</translation>
    </message>
    <message>
        <source>Add the Stirling approximation of log(y!): y·log y - y + ½·log(2π·y), for targets &gt; 1. Default: False.</source>
        <translation>加上 log(y!) 的 Stirling 近似：y·log y - y + ½·log(2π·y)，仅对大于 1 的目标。默认：False。</translation>
    </message>
    <message>
        <source>Negative log-likelihood of a target under N(input, var).</source>
        <translation>目标在 N(input, var) 下的负对数似然。</translation>
    </message>
    <message>
        <source>The mean of the Gaussian.</source>
        <translation>高斯分布的均值。</translation>
    </message>
    <message>
        <source>A sample from the Gaussian; broadcasts with the input.</source>
        <translation>来自该高斯分布的一个样本；与输入广播。</translation>
    </message>
    <message>
        <source>Non-negative variances: the input&apos;s shape, the input&apos;s shape without its last dimension (one variance per row), or the input&apos;s shape with one dimension of size 1.</source>
        <translation>非负方差：形状与输入相同、为输入去掉最后一维的形状（每行一个方差），或为输入某一维大小为 1 的形状。</translation>
    </message>
    <message>
        <source>Include the constant ½·log(2π) in the loss. Default: False.</source>
        <translation>在损失中包含常数 ½·log(2π)。默认：False。</translation>
    </message>
    <message>
        <source>var is clamped to at least eps (outside autograd), for stability. Default: 1e-6.</source>
        <translation>var 被截断到不小于 eps（在 autograd 之外），以保证稳定。默认：1e-6。</translation>
    </message>
    <message>
        <source>torch&apos;s soft_margin_loss backward raises RuntimeError: {error}; the gradient shown is for the target cast to {dtype}.</source>
        <translation>torch 的 soft_margin_loss 反向传播会抛出 RuntimeError：{error}；这里显示的梯度是把 target 转换为 {dtype} 后的梯度。</translation>
    </message>
    <message>
        <source>Raw scores (any real number), one per element.</source>
        <translation>原始分数（任意实数），每个元素一个。</translation>
    </message>
    <message>
        <source>Logistic loss on ±1 labels: a smooth hinge on y·x.</source>
        <translation>±1 标签上的 logistic 损失：y·x 上的平滑 hinge（合页）。</translation>
    </message>
    <message>
        <source>Labels, nominally 1 or -1 (any value is used as-is: 0 gives ln 2). Broadcasts only if the result keeps the input&apos;s shape.</source>
        <translation>标签，名义上为 1 或 -1（任何值都按原样使用：0 得到 ln 2）。只有在结果保持输入形状时才广播。</translation>
    </message>
    <message>
        <source>x for similar pairs (y=1), max(0, margin - x) for dissimilar (y=-1).</source>
        <translation>相似对（y=1）取 x，不相似对（y=-1）取 max(0, margin - x)。</translation>
    </message>
    <message>
        <source>Usually a distance between two embeddings (e.g. L1 pairwise distance), one per pair.</source>
        <translation>通常是两个嵌入之间的距离（例如 L1 成对距离），每对一个。</translation>
    </message>
    <message>
        <source>1 (similar pair) or -1 (dissimilar pair); broadcasts against the input.</source>
        <translation>1（相似对）或 -1（不相似对）；与输入广播。</translation>
    </message>
    <message>
        <source>Dissimilar pairs (y=-1) are penalised while the input is below this margin. Default: 1.0.</source>
        <translation>输入低于该间隔（margin）时，不相似对（y=-1）会受到惩罚。默认：1.0。</translation>
    </message>
    <message>
        <source>Raw class scores: a row of C scores per sample (no softmax).</source>
        <translation>原始类别分数：每个样本一行 C 个分数（不经 softmax）。</translation>
    </message>
    <message>
        <source>Multi-class hinge: the target score must beat every other score by a margin.</source>
        <translation>多分类 hinge（合页）：目标类别的分数必须比其他每个分数高出一个间隔。</translation>
    </message>
    <message>
        <source>The class index of each sample, in [0, C) (int64).</source>
        <translation>每个样本的类别索引，取值在 [0, C)（int64）。</translation>
    </message>
    <message>
        <source>The hinge&apos;s exponent: 1 (linear) or 2 (squared); torch supports only these. Default: 1.</source>
        <translation>hinge 的指数：1（线性）或 2（平方）；torch 只支持这两个值。默认：1。</translation>
    </message>
    <message>
        <source>How far the target score must exceed each other score. Default: 1.0.</source>
        <translation>目标分数须比其他每个分数高出多少。默认：1.0。</translation>
    </message>
    <message>
        <source>A manual rescaling weight per class, applied by the sample&apos;s target class; 1-D with C entries, the input&apos;s dtype. Default: None (all ones).</source>
        <translation>手动设置的类别权重，按样本的目标类别施加；一维、含 C 个元素，dtype 与输入相同。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>Multi-label hinge: each listed class must beat each unlisted one.</source>
        <translation>多标签 hinge（合页）：每个列出的类别都必须胜过每个未列出的类别。</translation>
    </message>
    <message>
        <source>The target classes of each sample as indices, read up to the first -1 (entries after it are ignored; all must lie in [-1, C)); int64.</source>
        <translation>每个样本的目标类别（以索引表示），读到第一个 -1 为止（其后的元素被忽略；所有值都须在 [-1, C) 内）；int64。</translation>
    </message>
    <message>
        <source>A manual rescaling weight given to each class, shape (C,); it must have the input&apos;s dtype for class-index targets. Default: None (all ones).</source>
        <translation>手动设置的类别权重，形状为 (C,)；目标为类别索引时，其 dtype 必须与输入相同。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>A target value that is ignored and does not contribute to the input gradient; &apos;mean&apos; averages over the non-ignored targets only. Default: -100.</source>
        <translation>被忽略的目标值，不参与输入梯度的计算；&apos;mean&apos; 只在未被忽略的目标上求平均。默认：-100。</translation>
    </message>
    <message>
        <source>Cross-entropy of softmax(logits) with class indices or probabilities.</source>
        <translation>softmax(logits) 与类别索引或类别概率之间的交叉熵。</translation>
    </message>
    <message>
        <source>Unnormalised logits for each class.</source>
        <translation>每个类别未归一化的 logits。</translation>
    </message>
    <message>
        <source>Class indices in [0, C) (Long or Byte), or class probabilities shaped like the input.</source>
        <translation>[0, C) 内的类别索引（Long 或 Byte），或与输入形状相同的类别概率。</translation>
    </message>
    <message>
        <source>Mixes the target with a uniform distribution: ε/C on every class. Values above 1 are an error; negative values act as 0. Default: 0.0.</source>
        <translation>将目标与均匀分布混合：每个类别加上 ε/C。大于 1 的值会报错；负值等同于 0。默认：0.0。</translation>
    </message>
    <message>
        <source>Negative log-likelihood of the target class, from log-probabilities.</source>
        <translation>目标类别的负对数似然，由对数概率计算。</translation>
    </message>
    <message>
        <source>Log-probabilities for each class (e.g. the output of log_softmax).</source>
        <translation>每个类别的对数概率（例如 log_softmax 的输出）。</translation>
    </message>
    <message>
        <source>Class indices in [0, C) (Long or Byte).</source>
        <translation>[0, C) 内的类别索引（Long 或 Byte）。</translation>
    </message>
    <message>
        <source>Multi-label one-vs-all loss: sigmoid BCE per label, mean over labels.</source>
        <translation>多标签一对多损失：每个标签一个 sigmoid BCE，再对标签求平均。</translation>
    </message>
    <message>
        <source>Logits, one per label; the labels are the last dimension.</source>
        <translation>logits，每个标签一个；标签位于最后一维。</translation>
    </message>
    <message>
        <source>Label targets in {0, 1} (soft values work too), same shape as the input (broadcast silently).</source>
        <translation>取值于 {0, 1} 的标签目标（也可用软值），形状与输入相同（静默广播）。</translation>
    </message>
    <message>
        <source>A manual rescaling weight given to each class, broadcast against (..., C): shape (C,) weights labels, (N, 1) weights samples. Default: None (all ones).</source>
        <translation>手动设置的类别权重，与 (..., C) 广播：形状 (C,) 为各标签加权，(N, 1) 为各样本加权。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>Cross-entropy plus ε·(1 - p_t): the Poly-1 loss (Leng et al. 2022).</source>
        <extracomment>No target equals this, so no position is ignored (Poly-1 has no ignore_index).</extracomment>
        <translation>交叉熵加上 ε·(1 - p_t)：Poly-1 损失（Leng 等，2022）。</translation>
    </message>
    <message>
        <source>Unnormalised logits, classes in dim 1 (dim 0 for a 1-D input).</source>
        <translation>未归一化的 logits，类别在第 1 维（一维输入时在第 0 维）。</translation>
    </message>
    <message>
        <source>Class indices in [0, C).</source>
        <translation>[0, C) 内的类别索引。</translation>
    </message>
    <message>
        <source>Weight of the first polynomial term (1 - p_t): 0 gives plain cross-entropy; ε ≥ -1 keeps the loss decreasing in p_t. Default: 1.</source>
        <translation>第一个多项式项 (1 - p_t) 的权重：0 即普通交叉熵；ε ≥ -1 保证损失随 p_t 递减。默认：1。</translation>
    </message>
    <message>
        <source>Hinge on score differences: input1 should beat input2 when y = 1.</source>
        <extracomment>``float32(1e-12)``: torch adds it to both squared norms, in every dtype.</extracomment>
        <translation>分数差上的 hinge（合页）：y = 1 时 input1 应胜过 input2。</translation>
    </message>
    <message>
        <source>Scores of the first item of each pair.</source>
        <translation>每对中第一项的分数。</translation>
    </message>
    <message>
        <source>Scores of the second item; same number of dimensions as input1, broadcastable.</source>
        <translation>第二项的分数；维数与 input1 相同，可广播。</translation>
    </message>
    <message>
        <source>1 if input1 should be ranked higher than input2, -1 if lower; same number of dimensions, broadcastable.</source>
        <translation>input1 应排在 input2 之前时为 1，之后时为 -1；维数相同，可广播。</translation>
    </message>
    <message>
        <source>How far the preferred score must exceed the other before the loss is 0. Default: 0.</source>
        <translation>较优分数须比另一个高出多少，损失才为 0。默认：0。</translation>
    </message>
    <message>
        <source>Cosine loss: similar pairs (y=1) should align, dissimilar ones not.</source>
        <translation>余弦损失：相似对（y=1）应当对齐，不相似对则不应对齐。</translation>
    </message>
    <message>
        <source>First embedding of each pair (one row each).</source>
        <translation>每对的第一个嵌入（每行一个）。</translation>
    </message>
    <message>
        <source>Second embedding of each pair.</source>
        <translation>每对的第二个嵌入。</translation>
    </message>
    <message>
        <source>1 for a similar pair, -1 for a dissimilar one (other values give loss 0).</source>
        <translation>相似对为 1，不相似对为 -1（其他值的损失为 0）。</translation>
    </message>
    <message>
        <source>Dissimilar pairs (y=-1) are penalised while their cosine exceeds this; values from -1 to 1 make sense, 0 to 0.5 is suggested. Default: 0.</source>
        <translation>余弦值超过该值时，不相似对（y=-1）会受到惩罚；取 -1 到 1 之间的值有意义，建议 0 到 0.5。默认：0。</translation>
    </message>
    <message>
        <source>torch&apos;s huber_loss backward raises RuntimeError: {error}; the gradient shown is for the target cast to {dtype}.</source>
        <extracomment>The dtypes of the fast kernels (input and target both of one of them). Bytes per array in a block of :func:`_kinked` (131,072 float32 elements): the block&apos;s arrays stay near the core between the six passes.</extracomment>
        <translation>torch 的 huber_loss 反向传播会抛出 RuntimeError：{error}；这里显示的梯度是把 target 转换为 {dtype} 后的梯度。</translation>
    </message>
    <message>
        <source>Predictions: any real number per element.</source>
        <translation>预测值：每个元素可为任意实数。</translation>
    </message>
    <message>
        <source>Targets, same shape as the input (another shape is broadcast with a warning).</source>
        <translation>目标，形状与输入相同（形状不同时会广播并发出警告）。</translation>
    </message>
    <message>
        <source>Mean absolute error |x - y|.</source>
        <translation>平均绝对误差 |x - y|。</translation>
    </message>
    <message>
        <source>Functional-only (F.l1_loss(..., weight=w)): a per-element weight of exactly the input&apos;s size. &apos;mean&apos; divides by Σ weight. Default: None.</source>
        <translation>仅函数形式可用（F.l1_loss(..., weight=w)）：逐元素权重，大小必须与输入完全相同。&apos;mean&apos; 除以 Σ weight。默认：None。</translation>
    </message>
    <message>
        <source>Mean squared error (x - y)².</source>
        <translation>均方误差 (x - y)²。</translation>
    </message>
    <message>
        <source>Functional-only (F.mse_loss(..., weight=w)): a per-element weight of exactly the input&apos;s size. &apos;mean&apos; divides by Σ weight. Default: None.</source>
        <translation>仅函数形式可用（F.mse_loss(..., weight=w)）：逐元素权重，大小必须与输入完全相同。&apos;mean&apos; 除以 Σ weight。默认：None。</translation>
    </message>
    <message>
        <source>Squared error below beta, absolute error above (robust to outliers).</source>
        <translation>误差小于 beta 时取平方误差，大于时取绝对误差（对离群值稳健）。</translation>
    </message>
    <message>
        <source>The threshold at which to change between the squared and the L1 term; must be &gt;= 0 (0 gives exactly L1Loss). Default: 1.0.</source>
        <translation>在平方项与 L1 项之间切换的阈值；必须 &gt;= 0（取 0 时即为 L1Loss）。默认：1.0。</translation>
    </message>
    <message>
        <source>Squared error below delta, delta-scaled absolute error above.</source>
        <translation>误差小于 delta 时取平方误差，大于时取按 delta 缩放的绝对误差。</translation>
    </message>
    <message>
        <source>The threshold at which to change between the squared and the delta-scaled L1 term; must be &gt; 0. Default: 1.0.</source>
        <translation>在平方项与按 delta 缩放的 L1 项之间切换的阈值；必须 &gt; 0。默认：1.0。</translation>
    </message>
    <message>
        <source>Functional-only (F.huber_loss(..., weight=w)): a per-element weight of exactly the input&apos;s size. &apos;mean&apos; divides by numel (not Σ weight). Default: None.</source>
        <translation>仅函数形式可用（F.huber_loss(..., weight=w)）：逐元素权重，大小必须与输入完全相同。&apos;mean&apos; 除以 numel（而不是 Σ weight）。默认：None。</translation>
    </message>
    <message>
        <source>lossgui does not support complex tensors in {loss} (got {dtype})</source>
        <extracomment>The C++ type names torch&apos;s checked scalar conversion prints.</extracomment>
        <translation>lossgui 不支持 {loss} 中的复数张量（得到 {dtype}）</translation>
    </message>
    <message>
        <source>Anchor embeddings, one per row (last dim = D).</source>
        <translation>锚点嵌入，每行一个（最后一维 = D）。</translation>
    </message>
    <message>
        <source>Embeddings that should be close to the anchors; same number of dimensions.</source>
        <translation>应当靠近锚点的嵌入；维数相同。</translation>
    </message>
    <message>
        <source>Embeddings that should be far from the anchors; same number of dimensions.</source>
        <translation>应当远离锚点的嵌入；维数相同。</translation>
    </message>
    <message>
        <source>The gap required between d(a, n) and d(a, p); must be &gt; 0. Default: 1.</source>
        <translation>d(a, n) 与 d(a, p) 之间要求的差距；必须 &gt; 0。默认：1。</translation>
    </message>
    <message>
        <source>Distance swap (Balntas et al. 2016): use min(d(a, n), d(p, n)) as the negative distance. Default: False.</source>
        <translation>距离交换（Balntas 等，2016）：用 min(d(a, n), d(p, n)) 作为负样本距离。默认：False。</translation>
    </message>
    <message>
        <source>Anchor closer to positive than to negative by a margin (p-norm).</source>
        <translation>锚点到正样本的距离比到负样本的距离小至少一个间隔（p 范数）。</translation>
    </message>
    <message>
        <source>The norm degree of the pairwise distance. Default: 2.</source>
        <translation>成对距离的范数阶数。默认：2。</translation>
    </message>
    <message>
        <source>Added to every component of the difference a - b before the norm. Default: 1e-6.</source>
        <translation>在求范数之前加到差 a - b 的每个分量上。默认：1e-6。</translation>
    </message>
    <message>
        <source>Triplet margin loss with a chosen distance function.</source>
        <translation>使用所选距离函数的三元组间隔损失。</translation>
    </message>
    <message>
        <source>The distance d(x, y) over the last dim: pairwise_distance = F.pairwise_distance(x, y)  (p=2, eps=1e-6); cosine_distance = 1 - F.cosine_similarity(x, y, dim=-1); l1 = F.pairwise_distance(x, y, p=1)  (eps=1e-6); squared_euclidean = (x - y).pow(2).sum(-1). torch&apos;s default None means pairwise_distance.</source>
        <translation>最后一维上的距离 d(x, y)：pairwise_distance = F.pairwise_distance(x, y)  (p=2, eps=1e-6)；cosine_distance = 1 - F.cosine_similarity(x, y, dim=-1)；l1 = F.pairwise_distance(x, y, p=1)  (eps=1e-6)；squared_euclidean = (x - y).pow(2).sum(-1)。torch 的默认值 None 表示 pairwise_distance。</translation>
    </message>
    <message>
        <source>Cross-entropy of a linear layer&apos;s logits (a language-model head).</source>
        <extracomment>The names ``mm`` prints for a dtype in its &quot;expected m1 and m2&quot; message.</extracomment>
        <translation>线性层输出的 logits 的交叉熵（语言模型的输出头）。</translation>
    </message>
    <message>
        <source>Hidden states: the linear layer&apos;s inputs, one row per sample.</source>
        <translation>隐藏状态：线性层的输入，每个样本一行。</translation>
    </message>
    <message>
        <source>Class indices in [0, C) (Long or Byte), or class probabilities shaped like the logits.</source>
        <translation>[0, C) 内的类别索引（Long 或 Byte），或形状与 logits 相同的类别概率。</translation>
    </message>
    <message>
        <source>The weight of the module&apos;s Linear layer (linear.weight reshaped to (C, *out_features, in_features)): logits = input @ W.T + b.</source>
        <translation>模块内 Linear 层的权重（linear.weight 重塑为 (C, *out_features, in_features)）：logits = input @ W.T + b。</translation>
    </message>
    <message>
        <source>The bias of the module&apos;s Linear layer (bias=True), added to the logits. Default: None (no bias).</source>
        <translation>模块内 Linear 层的偏置（bias=True），加到 logits 上。默认：None（无偏置）。</translation>
    </message>
    <message>
        <source>A manual rescaling weight given to each class, shape (C,) (checked by the constructor). Default: None (all ones).</source>
        <translation>手动设置的每个类别的重缩放权重，形状 (C,)（由构造函数检查）。默认：None（全为 1）。</translation>
    </message>
    <message>
        <source>A target value that is ignored and does not contribute to the input gradient. Default: None, which means -100 for class indices; it must stay None for class probabilities.</source>
        <translation>被忽略的目标值，不为输入梯度作贡献。默认：None，对类别索引即 -100；目标为类别概率时必须保持 None。</translation>
    </message>
    <message>
        <source>Mixes the target with a uniform distribution: ε/C on every class. The constructor requires 0 ≤ ε ≤ 1. Default: 0.0.</source>
        <translation>把目标与均匀分布混合：每个类别得到 ε/C。构造函数要求 0 ≤ ε ≤ 1。默认：0.0。</translation>
    </message>
</context>
</TS>
